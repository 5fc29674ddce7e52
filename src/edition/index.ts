export { buildEditions, buildEdition, OTHER_SECTION_ID } from './build-editions.ts';
export type { EditionOptions } from './build-editions.ts';
export { filterEdition } from './filter-edition.ts';
export { localDate, today } from './local-date.ts';
export { editionItems, markOf } from './edition.ts';
export type { Edition, EditionSection, ItemMark } from './edition.ts';
