import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPriceTable, PriceTableError, pricesFor } from '../../src/domain/price-table.ts';

const directory = mkdtempSync(join(tmpdir(), 'snapcopy-prices-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const operatorTable = {
  asOf: '2026-12-01',
  currency: 'EUR',
  default: { replicationPerGiB: 0.07, storagePerGiBMonth: 0.02 },
  regions: { 'eu-central-1': { replicationPerGiB: 0.05, storagePerGiBMonth: 0.019 } },
  kms: { customerMasterKeyMonthlyFee: 0.9, customerMasterKeyRequestFee: 0.02 },
};

function writeTable(name: string, content: string): string {
  const file = join(directory, name);
  writeFileSync(file, content);
  return file;
}

describe('loadPriceTable', () => {
  it('ships a clearly labelled example table', () => {
    const table = loadPriceTable({ env: {} });
    expect(table).toMatchObject({ source: 'example', isExample: true, asOf: '2026-11-01', currency: 'USD' });
    expect(pricesFor(table, 'ap-southeast-1').replicationPerGiB).toBeGreaterThan(0);
    expect(table.kms.customerMasterKeyMonthlyFee).toBeGreaterThan(0);
  });

  it('falls back to the default row for a region it does not list', () => {
    const table = loadPriceTable({ env: {} });
    expect(pricesFor(table, 'nowhere-1')).toEqual(table.default);
  });

  it('reads a file named by SNAPCOPY_PRICE_TABLE', () => {
    const file = writeTable('operator.json', JSON.stringify(operatorTable));
    const table = loadPriceTable({ env: { SNAPCOPY_PRICE_TABLE: file } });
    expect(table).toMatchObject({
      source: `file:${file}`,
      isExample: false,
      asOf: '2026-12-01',
      currency: 'EUR',
    });
    expect(pricesFor(table, 'eu-central-1')).toEqual({ replicationPerGiB: 0.05, storagePerGiBMonth: 0.019 });
  });

  it('reads inline JSON from SNAPCOPY_PRICE_TABLE_JSON', () => {
    const table = loadPriceTable({ env: { SNAPCOPY_PRICE_TABLE_JSON: JSON.stringify(operatorTable) } });
    expect(table).toMatchObject({ source: 'env:SNAPCOPY_PRICE_TABLE_JSON', currency: 'EUR' });
  });

  it('prefers an explicit file to the environment', () => {
    const file = writeTable('explicit.json', JSON.stringify({ ...operatorTable, currency: 'CNY' }));
    const table = loadPriceTable({ file, env: { SNAPCOPY_PRICE_TABLE_JSON: JSON.stringify(operatorTable) } });
    expect(table.currency).toBe('CNY');
  });

  it('refuses both environment variables at once', () => {
    const env = { SNAPCOPY_PRICE_TABLE: 'a.json', SNAPCOPY_PRICE_TABLE_JSON: '{}' };
    expect(() => loadPriceTable({ env })).toThrow(/set only one of them/);
  });

  it('names a file it cannot read', () => {
    const file = join(directory, 'missing.json');
    expect(() => loadPriceTable({ file })).toThrow(`Price table (file:${file}): cannot be read (ENOENT)`);
  });

  it('refuses a file that is not JSON', () => {
    const file = writeTable('broken.json', '{ "asOf": ');
    expect(() => loadPriceTable({ file })).toThrow(PriceTableError);
    expect(() => loadPriceTable({ file })).toThrow(/is not valid JSON/);
  });

  const badTables: [string, unknown, string][] = [
    [
      'a negative price',
      { ...operatorTable, default: { replicationPerGiB: -1, storagePerGiBMonth: 0.02 } },
      'default.replicationPerGiB must be a number of 0 or more (got -1)',
    ],
    [
      'a price given as text',
      {
        ...operatorTable,
        regions: { 'eu-central-1': { replicationPerGiB: '0.05', storagePerGiBMonth: 0.019 } },
      },
      'regions.eu-central-1.replicationPerGiB must be a number of 0 or more (got "0.05")',
    ],
    [
      'a misspelt field',
      {
        ...operatorTable,
        regions: { 'eu-central-1': { replicationPerGb: 0.05, storagePerGiBMonth: 0.019 } },
      },
      'regions.eu-central-1.replicationPerGb is not a known field',
    ],
    [
      'a missing KMS fee',
      { ...operatorTable, kms: { customerMasterKeyMonthlyFee: 1 } },
      'kms.customerMasterKeyRequestFee must be a number of 0 or more (got undefined)',
    ],
    [
      'a bad date',
      { ...operatorTable, asOf: 'November 2026' },
      'asOf must be a date like "2026-11-01" (got "November 2026")',
    ],
    [
      'a bad currency',
      { ...operatorTable, currency: 'dollars' },
      'currency must be a three-letter currency code like "USD" (got "dollars")',
    ],
    ['no regions', { ...operatorTable, regions: undefined }, 'regions must be an object (got undefined)'],
    [
      'isExample as text',
      { ...operatorTable, isExample: 'yes' },
      'isExample must be true or false (got "yes")',
    ],
    ['an array', [], 'must be a JSON object'],
  ];

  it.each(badTables)('refuses a table with %s, naming the field', (_, table, problem) => {
    const env = { SNAPCOPY_PRICE_TABLE_JSON: JSON.stringify(table) };
    expect(() => loadPriceTable({ env })).toThrow(`Price table (env:SNAPCOPY_PRICE_TABLE_JSON): ${problem}`);
  });
});
