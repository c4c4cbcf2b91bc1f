// A place in a source file, for messages a person can jump to (`spec.yaml:14:7`).

/** A 1-based line and column in a file. */
export interface SourceLocation {
  file: string;
  line: number;
  col: number;
}
