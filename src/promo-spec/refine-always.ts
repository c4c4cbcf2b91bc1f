// The option the spec schemas give their cross-field refinements.

/** Refinements that look at several fields run even when one field is already wrong, so every problem shows at once. */
export const always = { when: () => true };
