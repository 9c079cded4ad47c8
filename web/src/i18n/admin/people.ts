/** Settings sections of the people area (see pages/admin/sections.ts). */
export const zhCN = {};

export const en: typeof zhCN = {};
