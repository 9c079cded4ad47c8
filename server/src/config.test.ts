import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('refuses a renamed setting by name rather than quietly ignoring it', () => {
    expect(() => loadConfig({ MAIL_SMTP_URL: 'smtp://relay.example.com:587', KEFU_WEBHOOK_ALLOW_CIDRS: '10.0.0.0/8', DATA_DIR: '/nonexistent/kefu' })).toThrow(ConfigError);
    expect(() => loadConfig({ MAIL_SMTP_URL: 'smtp://relay.example.com:587', DATA_DIR: '/nonexistent/kefu' })).toThrow(/MAIL_SMTP_URL: renamed to KEFU_SMTP_URL/);
  });
});
