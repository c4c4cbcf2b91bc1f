// One sheet of an export file as text cells, whatever the file was (XLSX, CSV, a ZIP of them).

export interface TableSheet {
  /** `file.xlsx › 基本信息`, `Content_x.zip › Content.csv`. */
  name: string;
  /** The sheet's own name (XLSX) or the file's (CSV). */
  sheet: string;
  rows: string[][];
  /** `row:col` (0-based) of cells holding a formula. */
  formulas: Set<string>;
  /** CSV only: the encoding it was in. */
  encoding?: string;
}
