import type { CheckSource } from '../../core/source/types';

/**
 * Where a session's data comes from: files on disk, the bundled demo, a live AWS account or an
 * Athena scan. The core's `CheckSource`, by the name the editor's commands use; the sources in this
 * folder only build one from the settings (see `src/core/source/`).
 */
export type Inputs = CheckSource;
