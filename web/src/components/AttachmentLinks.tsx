import { Space } from 'antd';
import type { Attachment } from '../api/types';

/** A comment's files as download links (nothing when there are none). */
export function AttachmentLinks({ files }: { files: Attachment[] }) {
  if (files.length === 0) {
    return null;
  }
  return (
    <Space wrap style={{ marginTop: 8 }}>
      {files.map((a) => (
        <a key={a.id} href={a.content_url} target="_blank" rel="noreferrer">
          📎 {a.file_name}
        </a>
      ))}
    </Space>
  );
}
