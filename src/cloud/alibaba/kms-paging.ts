/** KMS lists page by number, 1–100 items per page. */
export const KMS_PAGE_SIZE = 100;
/** Keeps a listing bounded even for an account with thousands of keys. */
const MAX_PAGES = 10;

export interface NumberedPage<T> {
  items: T[];
  totalCount: number;
}

export async function allNumberedPages<T>(
  fetchPage: (pageNumber: number) => Promise<NumberedPage<T>>,
): Promise<T[]> {
  const items: T[] = [];
  for (let pageNumber = 1; pageNumber <= MAX_PAGES; pageNumber++) {
    const page = await fetchPage(pageNumber);
    items.push(...page.items);
    if (page.items.length === 0 || items.length >= page.totalCount) break;
  }
  return items;
}
