/** POST /api/counters/:counterId/rating, with the answer as the display needs it. */
import type { CounterRatingRequest } from '../../../shared/src/counter-rating.js';
import type { ErrorBody } from '../../../shared/src/errors.js';

export type RatingResult = 'accepted' | 'already' | 'closed' | 'failed';

export async function sendRating(counterId: number, request: CounterRatingRequest): Promise<RatingResult> {
  let response: Response;
  try {
    response = await fetch(`/api/counters/${counterId}/rating`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
  } catch {
    return 'failed';
  }
  if (response.status === 201) return 'accepted';
  const body = (await response.json().catch(() => null)) as ErrorBody | null;
  if (body?.error.code === 'feedback_exists') return 'already';
  if (body?.error.code === 'rating_closed') return 'closed';
  return 'failed';
}
