import { useTranslation } from 'react-i18next';
import type { EvidenceFigure } from './api';

// A live evidence figure in the interface language. The server sends each figure in English
// (`figure`) and as a message key with its numbers (`key`, `params`); the wording lives in
// compliance.figures.* of this feature's i18n files, with plural forms. Percentages and averages
// are formatted in the user's locale (66,7 % in French). A figure without a key, or whose key has
// no wording here yet, shows the English text.

type FigureText = Pick<EvidenceFigure, 'figure' | 'key' | 'params'>;
type Reasoned = Pick<EvidenceFigure, 'reason' | 'reasonKey'>;

/** Parameters with decimals in them; the others are counts the wording formats itself. */
const DECIMALS = new Set(['share', 'average']);

export function useFigureText() {
  const { t, i18n } = useTranslation();
  return (figure: FigureText): string => {
    if (!figure.key) return figure.figure;
    const decimal = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
    const values: Record<string, string | number> = {};
    const roles: string[] = [];
    for (const [name, value] of Object.entries(figure.params)) {
      if (name.startsWith('role:')) {
        const role = name.slice('role:'.length);
        roles.push(
          `${t(`roles.${role}`, { defaultValue: role })} ${decimal.format(Number(value))}`,
        );
      } else
        values[name] =
          typeof value === 'number' && DECIMALS.has(name) ? decimal.format(value) : value;
    }
    if (roles.length) values.breakdown = roles.join(', ');
    return t(`compliance.figures.${figure.key}`, { ...values, defaultValue: figure.figure });
  };
}

/** Why a figure is not available, in the interface language (English `reason` as fallback). */
export function useReasonText() {
  const { t } = useTranslation();
  return (figure: Reasoned): string =>
    figure.reasonKey
      ? t(`compliance.reasons.${figure.reasonKey}`, { defaultValue: figure.reason ?? '' })
      : t('compliance.evidence.notAvailable', { reason: figure.reason ?? '' });
}
