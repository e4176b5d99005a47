// Rows of an antd Form list with add and remove: milestones, targets, work history …
//   <ListEditor name="milestones" label={t('milestones')} initialRow={{ title: '' }}>
//     {(field, i) => <Form.Item name={[field.name, 'title']} label={t('title')}><Input /></Form.Item>}
//   </ListEditor>
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, type FormListFieldData } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NS } from './i18n.ts';

export function ListEditor({
  name,
  label,
  children,
  initialRow,
  min = 0,
  max,
  addText,
}: {
  name: string | (string | number)[];
  /** The group's name (a fieldset legend, read by screen readers with each row). */
  label: string;
  children: (field: FormListFieldData, index: number) => ReactNode;
  initialRow?: Record<string, unknown>;
  min?: number;
  max?: number;
  addText?: string;
}) {
  const { t } = useTranslation(NS);
  return (
    <fieldset className="list-editor" style={{ border: 0, padding: 0, margin: '0 0 16px' }}>
      <legend style={{ fontWeight: 600, marginBottom: 8 }}>{label}</legend>
      <Form.List name={name}>
        {(fields, { add, remove }) => (
          <Flex vertical gap="small">
            {fields.map((field, i) => (
              <Card
                size="small"
                key={field.key}
                extra={
                  fields.length > min && (
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('removeRow', { n: i + 1 })}
                      onClick={() => remove(field.name)}
                    />
                  )
                }
                title={`${i + 1}`}
              >
                {children(field, i)}
              </Card>
            ))}
            {(max === undefined || fields.length < max) && (
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(initialRow)}>
                {addText ?? t('add')}
              </Button>
            )}
          </Flex>
        )}
      </Form.List>
    </fieldset>
  );
}
