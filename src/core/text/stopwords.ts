// Small stop-word lists. BM25's idf already discounts frequent words, so these only remove
// function words and proposal boilerplate that would otherwise dominate short texts
// (titles, keyword lists) and inflate posting lists.

/** English stop words, compared after lower-casing and before stemming. */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below ' +
    'between both but by can could did do does doing down during each few for from further had has have having ' +
    'he her here hers him his how i if in into is it its itself just may me might more most must my no nor not ' +
    'of off on once only or other our ours out over own per same she should so some such than that the their ' +
    'theirs them then there these they this those through thus to too under until up upon very via was we were ' +
    'what when where which while who whom why will with within without would you your yours ' +
    // proposal boilerplate
    'based study studies research approach approaches method methods using use used new novel towards toward ' +
    'investigation analysis application applications project propose proposed'
  ).split(' '),
);

/** Chinese stop words (function words and proposal boilerplate), compared as segmented by jieba. */
export const CHINESE_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    '的 了 和 与 及 或 等 在 是 对 中 为 以 于 其 并 而 将 被 把 由 从 向 到 也 都 又 之 这 那 此 该 各 每 ' +
    '个 种 项 些 我们 本 所 有 无 不 上 下 内 外 后 前 时 进行 通过 可以 能够 一 一种 一些 一个 以及 及其 ' +
    '其中 如何 相关 主要 具有 利用 采用 提出 实现 开展 针对 围绕 基于 研究 本项目 项目 拟 方面 问题 ' +
    '工作 已 已经 尚 仍 并且 同时 因此 从而 以便 为了 关于 对于 其他 包括 作为 年 月 日'
  ).split(' '),
);
