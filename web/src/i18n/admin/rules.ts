/** Settings sections of the rules area (see pages/admin/sections.ts). */
export const zhCN = {};

export const en: typeof zhCN = {};
