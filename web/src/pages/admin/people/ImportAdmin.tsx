import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Collapse, Flex, Progress, Result, Segmented, Space, Table, Typography, Upload } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../../api/client';
import { AdminSection } from '../kit/AdminSection';
import { importColumns, type ImportKind, templateCsv } from './import-columns';
import { ImportReport } from './ImportReport';
import { peopleKeys } from './people-api';
import { uploadCsv } from './upload-csv';

type Created = { line: number; id: number; name: string; email?: string | null };
type ImportResult = { import: { type: ImportKind; count: number; rows: Created[] } };
type Status =
  | { state: 'idle' }
  | { state: 'uploading'; file: string; percent: number }
  | { state: 'done'; file: string; result: ImportResult['import'] }
  | { state: 'failed'; file: string; error: ApiError | null };

function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

/** Bulk import of users or organizations from a CSV file (Excel's UTF-8 or GBK), all or nothing. */
export default function ImportAdmin() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<ImportKind>('users');
  const [sendInvites, setSendInvites] = useState(false);
  const [status, setStatus] = useState<Status>({ state: 'idle' });
  const outcome = useRef<HTMLDivElement>(null);
  // The report sits below the drop zone: bring it into view when it arrives.
  useEffect(() => {
    if (status.state === 'done' || status.state === 'failed') {
      outcome.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    }
  }, [status.state]);

  const start = async (file: File) => {
    setStatus({ state: 'uploading', file: file.name, percent: 0 });
    const url = kind === 'users' ? `/api/v2/imports/users?send_invites=${String(sendInvites)}` : '/api/v2/imports/organizations';
    try {
      const res = await uploadCsv<ImportResult>(url, file, (percent) => setStatus({ state: 'uploading', file: file.name, percent }));
      setStatus({ state: 'done', file: file.name, result: res.import });
      void queryClient.invalidateQueries({ queryKey: ['admin-people'] });
      void queryClient.invalidateQueries({ queryKey: peopleKeys.agents });
    } catch (e) {
      setStatus({ state: 'failed', file: file.name, error: e instanceof ApiError ? e : null });
    }
  };

  const columnRows = importColumns[kind].map((c) => ({ ...c, description: t(`admin.people.import.columns.${kind}.${c.key}`) }));

  return (
    <AdminSection title={t('admin.nav.import')} help={t('admin.people.import.help')}>
      <Flex vertical gap={20}>
        <Segmented<ImportKind>
          value={kind}
          onChange={(k) => {
            setKind(k);
            setStatus({ state: 'idle' });
          }}
          options={[
            { value: 'users', label: t('admin.people.import.kinds.users') },
            { value: 'organizations', label: t('admin.people.import.kinds.organizations') },
          ]}
          style={{ alignSelf: 'flex-start' }}
        />
        <div>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('admin.people.import.step1')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t(`admin.people.import.templateHelp.${kind}`)}</Typography.Paragraph>
          <Space wrap>
            <Button onClick={() => download(templateCsv(kind, 'zh'), t(`admin.people.import.fileName.${kind}`) + '.csv')}>{t('admin.people.import.templateZh')}</Button>
            <Button onClick={() => download(templateCsv(kind, 'en'), `${kind}-template.csv`)}>{t('admin.people.import.templateEn')}</Button>
          </Space>
          <Collapse
            ghost
            size="small"
            style={{ marginTop: 8, marginLeft: -16 }}
            items={[
              {
                key: 'columns',
                label: t('admin.people.import.columnsTitle'),
                children: (
                  <Table
                    size="small"
                    rowKey="key"
                    pagination={false}
                    dataSource={columnRows}
                    columns={[
                      { title: t('admin.people.import.headerEn'), dataIndex: 'key', width: 160, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
                      { title: t('admin.people.import.headerZh'), dataIndex: 'zh', width: 120 },
                      { title: t('admin.people.import.meaning'), dataIndex: 'description' },
                    ]}
                  />
                ),
              },
            ]}
          />
        </div>
        <div>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('admin.people.import.step2')}
          </Typography.Title>
          {kind === 'users' ? (
            <Checkbox checked={sendInvites} onChange={(e) => setSendInvites(e.target.checked)} style={{ marginBottom: 12 }}>
              {t('admin.people.import.sendInvites')}
            </Checkbox>
          ) : null}
          <Upload.Dragger
            accept=".csv,text/csv"
            multiple={false}
            showUploadList={false}
            disabled={status.state === 'uploading'}
            beforeUpload={(file) => {
              void start(file);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('admin.people.import.drop')}</p>
            <p className="ant-upload-hint">{t('admin.people.import.dropHint')}</p>
          </Upload.Dragger>
        </div>
        {status.state === 'uploading' ? (
          <div>
            <Typography.Text>{status.percent < 100 ? t('admin.people.import.uploading', { file: status.file }) : t('admin.people.import.checking', { file: status.file })}</Typography.Text>
            <Progress percent={status.percent} status="active" />
          </div>
        ) : null}
        <div ref={outcome} />
        {status.state === 'failed' ? (
          status.error ? <ImportReport kind={kind} error={status.error} /> : <Alert type="error" showIcon title={t('errors.network')} />
        ) : null}
        {status.state === 'done' ? (
          <div>
            <Result
              status="success"
              style={{ padding: '16px 0' }}
              title={t(`admin.people.import.done.${status.result.type}`, { count: status.result.count })}
              subTitle={status.file}
            />
            <Table<Created>
              size="small"
              rowKey="id"
              dataSource={status.result.rows}
              pagination={status.result.rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              columns={[
                { title: t('admin.people.import.line'), dataIndex: 'line', width: 90, render: (v: number) => t('admin.people.import.lineN', { line: v }) },
                {
                  title: t('admin.people.fields.name'),
                  render: (_: unknown, r: Created) => <Link to={status.result.type === 'users' ? `/users/${r.id}` : `/organizations/${r.id}`}>{r.name}</Link>,
                },
                ...(status.result.type === 'users' ? [{ title: t('admin.people.fields.email'), render: (_: unknown, r: Created) => r.email ?? '—' }] : []),
              ]}
            />
          </div>
        ) : null}
      </Flex>
    </AdminSection>
  );
}
