// Files attached to a challenge (annexes) or a task book (evidence): listed for download, and
// uploaded one at a time by whoever the server lets (it checks the bytes, size and rights).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { upload } from '../api.ts';
import { ErrorBanner, type FormErrorState, Notice, toFormError } from '../forms.tsx';

export interface Attachment {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
}

export function Attachments(props: { items: Attachment[]; uploadUrl: string | null; onChange: () => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormErrorState>(null);
  const [ok, setOk] = useState(false);
  const id = `upload-${props.uploadUrl?.replace(/\W/g, '') ?? 'none'}`;

  const send = async (file: File | undefined) => {
    if (!file || !props.uploadUrl) return;
    setBusy(true);
    setError(null);
    setOk(false);
    try {
      await upload(props.uploadUrl, file);
      setOk(true);
      props.onChange();
    } catch (e) {
      setError(toFormError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('attachments.title')}</h2>
      {props.items.length === 0 ? (
        <p>{t('attachments.none')}</p>
      ) : (
        <ul>
          {props.items.map((a) => (
            <li key={a.id}>
              <a href={`/api/attachments/${a.id}`}>{a.fileName}</a> ({Math.ceil(a.sizeBytes / 1024)} KiB)
            </li>
          ))}
        </ul>
      )}
      {props.uploadUrl && (
        <div className="field">
          <label htmlFor={id}>{t('attachments.choose')}</label>
          <input
            id={id}
            type="file"
            accept="application/pdf,image/png,image/jpeg"
            disabled={busy}
            aria-busy={busy}
            onChange={(e) => send(e.target.files?.[0])}
          />
          {busy && <small>{t('attachments.uploading')}</small>}
        </div>
      )}
      <ErrorBanner error={error} />
      {ok && <Notice>{t('attachments.uploaded')}</Notice>}
    </section>
  );
}
