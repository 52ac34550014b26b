/** Lists: pages of Open Referral answers. */
import { paginate } from "../search";

/** A page of an Open Referral list, as the OpenAPI `Page` schema has it. */
export type OpenReferralPage<T> = {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
};

/** Cuts one page out of a full, ordered list. `size` is how many are on this page, as the spec says. */
export function openReferralPage<T>(all: T[], page: number, perPage: number): OpenReferralPage<T> {
  const cut = paginate(all, page, perPage);
  return {
    total_items: cut.totalItems,
    total_pages: cut.totalPages,
    page_number: cut.page,
    size: cut.items.length,
    first_page: cut.page === 1,
    last_page: cut.page >= cut.totalPages,
    empty: cut.items.length === 0,
    contents: cut.items,
  };
}
