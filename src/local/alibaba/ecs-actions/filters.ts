/** The AND-combined filters of a Describe action and the page of items they keep. */
import { type PageRequest, takePage } from '../paging.ts';

export class Filters<T> {
  private readonly tests: ((item: T) => boolean)[] = [];

  /** Adds a test only when the request gave the filter's value. */
  when<V>(value: V | undefined, test: (item: T, value: V) => boolean): this {
    if (value !== undefined) this.tests.push((item) => test(item, value));
    return this;
  }

  add(...tests: ((item: T) => boolean)[]): this {
    this.tests.push(...tests);
    return this;
  }

  page(items: readonly T[], paging: PageRequest): { items: T[]; fields: Record<string, unknown> } {
    return takePage(
      items.filter((item) => this.tests.every((keep) => keep(item))),
      paging,
    );
  }
}
