// The form parts an achievement and a demand share: the organisation choice, the bilingual title and
// text, keywords and codes, a yuan amount check, and the submit (busy flag, server field errors on
// fields, then the new object's page).
import { App, Form, type FormInstance, Input, Select } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorText, showFieldError } from '../../../lib/form-errors.ts';
import { parseYuan } from '../../../lib/format.ts';
import { useSession } from '../../../session.tsx';
import { NS } from '../i18n.ts';

/** The actor's organisations (optionally only where they hold one of `roles`), each once. */
export function useOrgOptions(roles?: string[]) {
  const { session } = useSession();
  return [
    ...new Map(
      (session?.roles ?? []).filter((r) => !roles || roles.includes(r.role)).map((r) => [r.orgId, r.orgName]),
    ).entries(),
  ].map(([value, label]) => ({ value, label }));
}

/** A rule accepting an empty value or an amount in yuan; `message` names what is wrong. */
export const yuanRule = (message: string) => ({
  validator: (_: unknown, v?: string) =>
    v?.trim() && parseYuan(v) === null ? Promise.reject(new Error(message)) : Promise.resolve(),
});

/** Sends the form's values, then opens the created object's page; server field errors land on fields. */
export function useCreate<V, R extends { id: string }>(
  form: FormInstance<V>,
  send: (v: V) => Promise<R>,
  hrefOf: (r: R) => string,
) {
  const { t } = useTranslation(NS);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const submit = async (v: V) => {
    setBusy(true);
    try {
      const r = await send(v);
      message.success(t('saved'));
      navigate(hrefOf(r));
    } catch (e) {
      if (!showFieldError(form, e)) message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, submit };
}

/**
 * The organisation, the title and text in both languages, keywords and discipline codes; `scope`
 * picks the labels (`ach` or `demand`), `text` the text field's name (`abstract` or `problem`);
 * `children` come right after the organisation.
 */
export function DescriptionFields({
  scope,
  text,
  orgs,
  codesPlaceholder,
  children,
}: {
  scope: 'ach' | 'demand';
  text: 'abstract' | 'problem';
  orgs: { value: string; label: string }[];
  codesPlaceholder: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation(NS);
  return (
    <>
      <Form.Item name="orgId" label={t(`${scope}.org`)} rules={[{ required: true }]}>
        <Select options={orgs} />
      </Form.Item>
      {children}
      <Form.Item name="titleZh" label={t(`${scope}.titleZh`)} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="titleEn" label={t(`${scope}.titleEn`)}>
        <Input />
      </Form.Item>
      <Form.Item name={`${text}Zh`} label={t(`${scope}.${text}Zh`)}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item name={`${text}En`} label={t(`${scope}.${text}En`)}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item name="keywords" label={t(`${scope}.keywords`)}>
        <Input placeholder={scope === 'ach' ? '石英坩埚，coating' : undefined} />
      </Form.Item>
      <Form.Item name="disciplineCodes" label={t(`${scope}.disciplineCodes`)}>
        <Input placeholder={codesPlaceholder} />
      </Form.Item>
    </>
  );
}
