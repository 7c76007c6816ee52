/**
 * How many images (and other files) a ticket or reply may carry and how large each image may be
 * uploaded. Apart from the byte checks in `images.ts` and `files.ts` (which re-export these), so the
 * widgets can count without loading the checks; those load with the first file.
 */
export const MAX_IMAGES = 3;
/** Files other than images (PDF, text, log, CSV, ZIP) besides the images. */
export const MAX_FILES = 3;
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
