/**
 * Limits of an inventory table (CSV or JSON), checked while it is read so that a hostile or
 * broken file is refused early, with its line, instead of holding the server.
 *
 * Generous for real inventories: the synthetic benchmark project has 62,000 items, an item has
 * 15 documented columns, and the longest field an item holds (notes) is 20,000 characters.
 */
export const MAX_TABLE_ROWS = 100_000;
export const MAX_TABLE_COLUMNS = 100;
export const MAX_CELL_CHARS = 20_000;
