// Row types of the continual improvement register (issue 7), with the conventions of ../schema.ts.

// biome-ignore lint/complexity/noBannedTypes: filled in as the module's tables are added
export type ImprovementTables = {};
