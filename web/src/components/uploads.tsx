import { InboxOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Button, Upload, type UploadFile } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { uploadFile } from '../api/client';

/**
 * Files upload as they are dropped, one after another so they share one upload token
 * (the comment then carries that token). `compact` gives a button instead of a drop area.
 */
export function useUploads({ compact = false }: { compact?: boolean } = {}) {
  const { t } = useTranslation();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [token, setToken] = useState<string | undefined>();
  const tokenRef = useRef<string | undefined>(undefined);
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  const props = {
    multiple: true,
    fileList: files,
    onRemove: (f: UploadFile) => setFiles((list) => list.filter((x) => x.uid !== f.uid)),
    customRequest: ({ file, onSuccess, onError }: { file: unknown; onSuccess?: (body: unknown) => void; onError?: (e: Error) => void }) => {
      queue.current = queue.current.then(() =>
        uploadFile(file as File, tokenRef.current)
          .then((r) => {
            tokenRef.current = r.upload.token;
            setToken(r.upload.token);
            onSuccess?.(r);
          })
          .catch((e: unknown) => onError?.(e as Error)),
      );
    },
    onChange: ({ fileList }: { fileList: UploadFile[] }) => setFiles(fileList),
  };
  const upload = compact ? (
    <Upload {...props}>
      <Button size="small" type="text" icon={<PaperClipOutlined />}>
        {t('portal.attachments')}
      </Button>
    </Upload>
  ) : (
    <Upload.Dragger {...props}>
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">{t('portal.attach')}</p>
    </Upload.Dragger>
  );
  const busy = files.some((f) => f.status === 'uploading');
  const uploads = token && files.some((f) => f.status === 'done') ? [token] : undefined;
  const reset = () => {
    setFiles([]);
    setToken(undefined);
    tokenRef.current = undefined;
  };
  return { upload, busy, uploads, reset };
}
