import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zhCN } from './zh-CN';

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];
/** Each language named in itself, for the language switches. */
export const languageNames: Record<Language, string> = { 'zh-CN': '简体中文', en: 'English' };

const STORAGE_KEY = 'kefu.language';

export function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'zh-CN' || saved === 'en') {
    return saved;
  }
  return navigator.language.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

export async function setLanguage(language: Language, remember = true): Promise<void> {
  if (remember) {
    localStorage.setItem(STORAGE_KEY, language);
  }
  document.documentElement.lang = language;
  await i18n.changeLanguage(language);
}

void i18n.use(initReactI18next).init({
  // The settings' strings are not here: the settings chunk adds them (see ./admin) when it loads.
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initialLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});

export default i18n;
