import { ApiError, csrfHeader, type FieldErrors } from '../../../api/client';

/**
 * Posts a CSV file as the request body (the import API takes text/csv, not JSON), reporting
 * upload progress. The client's api() sends JSON only, hence this small XHR.
 */
export function uploadCsv<T>(url: string, file: File, onProgress: (percent: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('content-type', 'text/csv');
    xhr.setRequestHeader('accept', 'application/json');
    for (const [name, value] of Object.entries(csrfHeader())) {
      xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) {
        onProgress(Math.round((e.loaded / e.total) * 100));
      }
    };
    xhr.onerror = () => reject(new TypeError('network'));
    xhr.onload = () => {
      let json: { error?: string; description?: string; details?: FieldErrors } = {};
      try {
        json = JSON.parse(xhr.responseText) as typeof json;
      } catch {
        // A proxy's HTML error page: the status says enough.
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(json as T);
      } else {
        reject(new ApiError(xhr.status, json.error ?? 'Error', json.description ?? xhr.statusText, json.details ?? {}));
      }
    };
    xhr.send(file);
  });
}
