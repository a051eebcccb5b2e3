/** One page of a list and the RFC 5988 Link header GitHub sends with it. */
export interface Page<T> {
  items: T[];
  link?: string;
}

// GitHub's list endpoints: `per_page` defaults to 30 and is capped at 100 (larger values are silently reduced),
// `page` starts at 1. The Link header lists prev, next, last, first (in that order) with absolute URLs that
// repeat the request's query with only `page` changed; it is absent when everything fits one page.
export function paginate<T>(all: T[], requestUrl: URL): Page<T> {
  const perPage = Math.min(100, Math.max(1, Number(requestUrl.searchParams.get('per_page') ?? 30) || 30));
  const page = Math.max(1, Number(requestUrl.searchParams.get('page') ?? 1) || 1);
  const items = all.slice((page - 1) * perPage, page * perPage);
  const last = Math.max(1, Math.ceil(all.length / perPage));
  if (last === 1 && page === 1) return { items };
  const at = (n: number) => {
    const url = new URL(requestUrl);
    url.searchParams.set('page', String(n));
    return url.toString();
  };
  const links: string[] = [];
  if (page > 1) links.push(`<${at(Math.min(page - 1, last))}>; rel="prev"`);
  if (page < last) links.push(`<${at(page + 1)}>; rel="next"`, `<${at(last)}>; rel="last"`);
  if (page > 1) links.push(`<${at(1)}>; rel="first"`);
  return { items, link: links.join(', ') };
}
