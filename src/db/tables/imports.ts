// Row types of imports from other tools (issue 9), with the conventions of ../schema.ts.

// biome-ignore lint/complexity/noBannedTypes: filled in by the imports migration
export type ImportTables = {};
