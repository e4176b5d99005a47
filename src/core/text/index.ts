export { CHINESE_STOP_WORDS, ENGLISH_STOP_WORDS } from './stopwords.ts';
export { getJieba, type TokenizeOptions, tokenize } from './tokenize.ts';
