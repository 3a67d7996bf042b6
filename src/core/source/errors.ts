/** An input the user named cannot be used (missing file, broken mapping, AWS refusal): one sentence, exit 2 in the CLI. */
export class SourceError extends Error {
  override name = 'SourceError';
}

/** An argument is wrong before anything is read (unknown product, reversed window, unknown region): exit 2 in the CLI. */
export class ArgumentError extends Error {
  override name = 'ArgumentError';
}
