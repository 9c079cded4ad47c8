import * as channels from './channels';
import * as fields from './fields';
import * as people from './people';
import * as rules from './rules';
import * as shell from './shell';

/** The settings catalogue, one file per area so each can grow on its own; merged under `admin`. */
export const adminZhCN = { ...shell.zhCN, people: people.zhCN, rules: rules.zhCN, fields: fields.zhCN, channels: channels.zhCN };
export const adminEn: typeof adminZhCN = { ...shell.en, people: people.en, rules: rules.en, fields: fields.en, channels: channels.en };
