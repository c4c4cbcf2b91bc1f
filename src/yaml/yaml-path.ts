// Where a value sits inside a YAML document, as the keys and indexes that lead to it.

/** A path into a document, e.g. ['products', 2, 'clips', 0, 'out']. */
export type YamlPath = readonly (string | number)[];
