import { App } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../../../components/form-errors';

/** The list with the item at `index` moved one place up (-1) or down (1); unchanged when it cannot move. */
export function move<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const next = [...list];
  const target = index + by;
  if (index < 0 || index >= next.length || target < 0 || target >= next.length) {
    return next;
  }
  const [item] = next.splice(index, 1) as [T];
  next.splice(target, 0, item);
  return next;
}

/** For lists with no reorder call: each item whose place changed is saved with its new position, one at a time. */
export async function savePositions<T extends { position: number }>(order: readonly T[], put: (item: T, position: number) => Promise<unknown>): Promise<void> {
  for (const [position, item] of order.entries()) {
    if (item.position !== position) {
      await put(item, position);
    }
  }
}

/**
 * Moving an item of a list the server keeps in order: `save` gets the whole new order; a
 * refusal is shown; `settle` runs after either (a partly saved order is read back).
 */
export function useReorder<T>(list: readonly T[], save: (order: T[]) => Promise<unknown>, settle?: () => Promise<unknown>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [moving, setMoving] = useState(false);
  const onMove = async (index: number, by: -1 | 1) => {
    setMoving(true);
    try {
      await save(move(list, index, by));
    } catch (e) {
      void message.error(apiErrorMessage(e, t));
    } finally {
      setMoving(false);
      await settle?.();
    }
  };
  return { moving, onMove: (index: number, by: -1 | 1) => void onMove(index, by) };
}
