export { loadItems, findContentFiles } from './load-items.ts';
export type { LoadResult } from './load-items.ts';
export { parseItem } from './parse-item.ts';
export type { ParsedItem } from './parse-item.ts';
export type { Item, ContentProblem } from './item.ts';
export { formatProblem } from './format-problem.ts';
export { findUnknownCategories } from './find-unknown-categories.ts';
export { readFrontMatter } from './read-front-matter.ts';
export { isValidPublishedDate } from './published-date.ts';
