/** Settings sections of the fields area (see pages/admin/sections.ts). */
export const zhCN = {};

export const en: typeof zhCN = {};
