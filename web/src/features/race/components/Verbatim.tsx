// Text people wrote (metrics, evidence, reasons, objections, names) shown as written: marked so that
// browsers do not translate it and checks for untranslated interface text pass it by.
import type { ReactNode } from 'react';

export const Verbatim = ({ children }: { children: ReactNode }) => <span translate="no">{children}</span>;

/** A placeholder value for t(): `around(t('reason', { reason: MARK }), <Verbatim>…</Verbatim>)`. */
export const MARK = '\u2063';

/** The translated sentence with `node` where MARK stands. */
export function around(text: string, node: ReactNode): ReactNode {
  const [before, after = ''] = text.split(MARK);
  return (
    <>
      {before}
      {node}
      {after}
    </>
  );
}
