/**
 * The prices behind estimateCost (SPEC §4). A labelled example table ships with snapcopy; the
 * operator replaces it with a file (SNAPCOPY_PRICE_TABLE) or inline JSON
 * (SNAPCOPY_PRICE_TABLE_JSON). A bad table is refused at start with the field it got wrong.
 */
import { readFileSync } from 'node:fs';
import type { RegionId } from './copy-request.ts';

export interface RegionPrices {
  /** Data transfer fee for a copy leaving this region, per GiB. */
  replicationPerGiB: number;
  /** Standard snapshot storage in this region, per GiB and month. */
  storagePerGiBMonth: number;
}

export interface KmsPrices {
  /** What one customer master key costs per month. */
  customerMasterKeyMonthlyFee: number;
  /** What the KMS requests of one copy cost. */
  customerMasterKeyRequestFee: number;
}

export interface PriceTable {
  /** Where the prices came from: "example", "file:<path>" or "env:SNAPCOPY_PRICE_TABLE_JSON". */
  source: string;
  isExample: boolean;
  /** YYYY-MM-DD: the day the prices were read. */
  asOf: string;
  currency: string;
  default: RegionPrices;
  regions: Record<RegionId, RegionPrices>;
  kms: KmsPrices;
}

export const PRICE_TABLE_FILE_ENV = 'SNAPCOPY_PRICE_TABLE';
export const PRICE_TABLE_JSON_ENV = 'SNAPCOPY_PRICE_TABLE_JSON';
const EXAMPLE_PRICES = new URL('./pricing/example-prices.json', import.meta.url);

export class PriceTableError extends Error {
  constructor(source: string, problem: string) {
    super(`Price table (${source}): ${problem}`);
    this.name = 'PriceTableError';
  }
}

type Raw = Record<string, unknown>;

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads one object-valued field, refusing fields nobody would read (usually a typo). */
class FieldReader {
  constructor(
    private readonly source: string,
    private readonly path: string,
    private readonly raw: Raw,
    /** Undefined: any key is allowed, as in the regions map. */
    allowed?: readonly string[],
  ) {
    const unknown = allowed ? Object.keys(raw).filter((key) => !allowed.includes(key)) : [];
    if (unknown.length > 0) {
      this.fail(unknown.map((key) => this.at(key)).join(', '), 'is not a known field');
    }
  }

  at(key: string): string {
    return this.path === '' ? key : `${this.path}.${key}`;
  }

  fail(field: string, problem: string): never {
    throw new PriceTableError(this.source, `${field} ${problem}`);
  }

  price(key: string): number {
    const value = this.raw[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      this.fail(this.at(key), `must be a number of 0 or more (got ${JSON.stringify(value)})`);
    }
    return value;
  }

  object(key: string): Raw {
    const value = this.raw[key];
    if (!isRecord(value)) this.fail(this.at(key), `must be an object (got ${JSON.stringify(value)})`);
    return value;
  }

  matching(key: string, pattern: RegExp, expected: string): string {
    const value = this.raw[key];
    if (typeof value !== 'string' || !pattern.test(value)) {
      this.fail(this.at(key), `must be ${expected} (got ${JSON.stringify(value)})`);
    }
    return value;
  }

  optionalBoolean(key: string): boolean {
    const value = this.raw[key] ?? false;
    if (typeof value !== 'boolean')
      this.fail(this.at(key), `must be true or false (got ${JSON.stringify(value)})`);
    return value;
  }
}

function regionPrices(source: string, path: string, raw: Raw): RegionPrices {
  const reader = new FieldReader(source, path, raw, ['replicationPerGiB', 'storagePerGiBMonth']);
  return {
    replicationPerGiB: reader.price('replicationPerGiB'),
    storagePerGiBMonth: reader.price('storagePerGiBMonth'),
  };
}

export function parsePriceTable(raw: unknown, source: string): PriceTable {
  if (!isRecord(raw)) throw new PriceTableError(source, 'must be a JSON object');
  const top = new FieldReader(source, '', raw, [
    'isExample',
    'asOf',
    'currency',
    'note',
    'default',
    'regions',
    'kms',
  ]);
  const regionsRaw = top.object('regions');
  const regionsReader = new FieldReader(source, 'regions', regionsRaw);
  const regions: Record<RegionId, RegionPrices> = {};
  for (const regionId of Object.keys(regionsRaw)) {
    regions[regionId] = regionPrices(source, regionsReader.at(regionId), regionsReader.object(regionId));
  }
  const kms = new FieldReader(source, 'kms', top.object('kms'), [
    'customerMasterKeyMonthlyFee',
    'customerMasterKeyRequestFee',
  ]);
  return {
    source,
    isExample: top.optionalBoolean('isExample'),
    asOf: top.matching('asOf', /^\d{4}-\d{2}-\d{2}$/, 'a date like "2026-11-01"'),
    currency: top.matching('currency', /^[A-Z]{3}$/, 'a three-letter currency code like "USD"'),
    default: regionPrices(source, 'default', top.object('default')),
    regions,
    kms: {
      customerMasterKeyMonthlyFee: kms.price('customerMasterKeyMonthlyFee'),
      customerMasterKeyRequestFee: kms.price('customerMasterKeyRequestFee'),
    },
  };
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PriceTableError(source, `is not valid JSON (${(error as Error).message})`);
  }
}

function readTable(file: string | URL, source: string): PriceTable {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new PriceTableError(
      source,
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`,
    );
  }
  return parsePriceTable(parseJson(text, source), source);
}

export interface PriceTableOptions {
  /** A price table file; wins over the environment. */
  file?: string;
  env?: NodeJS.ProcessEnv;
}

export function loadPriceTable(options: PriceTableOptions = {}): PriceTable {
  const env = options.env ?? process.env;
  if (options.file) return readTable(options.file, `file:${options.file}`);
  const inline = env[PRICE_TABLE_JSON_ENV];
  const file = env[PRICE_TABLE_FILE_ENV];
  if (inline && file) {
    throw new PriceTableError(
      `env:${PRICE_TABLE_JSON_ENV}`,
      `both ${PRICE_TABLE_JSON_ENV} and ${PRICE_TABLE_FILE_ENV} are set; set only one of them`,
    );
  }
  if (inline) {
    const source = `env:${PRICE_TABLE_JSON_ENV}`;
    return parsePriceTable(parseJson(inline, source), source);
  }
  if (file) return readTable(file, `file:${file}`);
  return readTable(EXAMPLE_PRICES, 'example');
}

/** Regions the table does not list are priced with its default row. */
export function pricesFor(table: PriceTable, regionId: RegionId): RegionPrices {
  return table.regions[regionId] ?? table.default;
}
