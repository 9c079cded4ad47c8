import type { i18n as I18n } from 'i18next';
import * as channels from './channels';
import * as fields from './fields';
import * as people from './people';
import * as rules from './rules';
import * as shell from './shell';

/** The settings catalogue, one file per area so each can grow on its own; merged under `admin`. */
export const adminZhCN = { ...shell.zhCN, people: people.zhCN, rules: rules.zhCN, fields: fields.zhCN, channels: channels.zhCN };
export const adminEn: typeof adminZhCN = { ...shell.en, people: people.en, rules: rules.en, fields: fields.en, channels: channels.en };

/**
 * Adds the settings catalogue to the running i18next, both languages at once so the language
 * switch keeps working inside settings. Called as the settings chunk loads, before it renders:
 * the portal and the console never download these strings.
 */
export function addAdminCatalogue(i18n: I18n): void {
  i18n.addResourceBundle('zh-CN', 'translation', { admin: adminZhCN }, true, true);
  i18n.addResourceBundle('en', 'translation', { admin: adminEn }, true, true);
}
