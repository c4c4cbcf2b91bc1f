// A file promo cannot read at all: the importer reports it as a problem of that file.

/** Thrown for a file promo cannot read at all (the message names what it is instead). */
export class UnreadableFileError extends Error {}
