// A cell promo cannot read as its column's type; the importer adds the file, row and column.

/** Thrown by the cell parsers with what is wrong and what the column wants. */
export class CellError extends Error {}
