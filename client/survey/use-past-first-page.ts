/**
 * True once a person has gone past the survey's first page: the pages then
 * shrink the survey's title block to one line (survey-page.css), since its long
 * introduction has been read and repeating it costs a screen on every page
 * (issue 13: 270 px on a landscape kiosk).
 */
import { useEffect, useState } from 'react';
import type { Model } from 'survey-core';

export function usePastFirstPage(model: Model): boolean {
  const [pastFirstPage, setPastFirstPage] = useState(false);
  useEffect(() => {
    const update = () => setPastFirstPage(model.currentPageNo > 0);
    update();
    model.onCurrentPageChanged.add(update);
    return () => model.onCurrentPageChanged.remove(update);
  }, [model]);
  return pastFirstPage;
}
