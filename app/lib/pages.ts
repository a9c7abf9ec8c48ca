/** The page a back-office list shows: at least one page, the requested one brought within range, and its offset. */
export function pageWindow(total: number, pageSize: number, requested: number | undefined): { pages: number; page: number; offset: number } {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, requested !== undefined && Number.isInteger(requested) ? requested : 1), pages);
  return { pages, page, offset: (page - 1) * pageSize };
}
