// Text people wrote (metrics, evidence, reasons, objections, names) shown as written: marked so that
// browsers do not translate it and checks for untranslated interface text pass it by.
import { Fragment, type ReactNode } from 'react';

export const Verbatim = ({ children }: { children: ReactNode }) => <span translate="no">{children}</span>;

/** A placeholder value for t(): `around(t('reason', { reason: MARK }), <Verbatim>…</Verbatim>)`. */
export const MARK = '\u2063';

/** The translated sentence with each MARK replaced by the next of `nodes`, in order. */
export function around(text: string, ...nodes: ReactNode[]): ReactNode {
  const parts = text.split(MARK);
  return (
    <>
      {parts.map((part, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the sentence's parts are positional
        <Fragment key={i}>
          {part}
          {i < nodes.length && nodes[i]}
        </Fragment>
      ))}
    </>
  );
}
