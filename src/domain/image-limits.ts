/**
 * How many images a ticket or reply may carry and how large each may be uploaded. Apart from the
 * byte checks in `images.ts` (which re-exports these), so the widgets can count images without
 * loading the checks; those load with the first image.
 */
export const MAX_IMAGES = 3;
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
