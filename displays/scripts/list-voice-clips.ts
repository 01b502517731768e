/**
 * Prints the board's voice clips, one a line: `<id><TAB><text for the synthesiser>`.
 * make-voice-clips.sh reads it, so the clips and the announcement share one word list.
 */
import { CLIPS } from '../src/board/vietnamese-speech.js';

for (const clip of CLIPS) console.log(`${clip.id}\t${clip.say ?? clip.word}`);
