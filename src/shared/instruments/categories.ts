// The categories of a shared instrument: the server's schema and the web's choices read this one list.
export const CATEGORIES = [
  'analytical',
  'microscopy',
  'spectroscopy',
  'chromatography',
  'materials_testing',
  'computing',
  'biology',
  'environment',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];
