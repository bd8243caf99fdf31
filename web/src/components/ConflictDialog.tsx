import type { Conflict } from '../useTodos';
import Dialog from './Dialog';

/** A 412: the todo changed elsewhere since this edit began. Shows both and lets the user choose. */
export default function ConflictDialog({ conflict, onChoose }: { conflict: Conflict; onChoose: (keepMine: boolean) => void }) {
  return (
    <Dialog title="This todo was changed elsewhere" onClose={() => onChoose(false)} testId="conflict-dialog">
      <p>Someone (perhaps you, in another tab) saved a newer version while you were editing. Which one should stay?</p>
      <dl className="conflict">
        <dt>Newer version (v{conflict.theirsVersion})</dt>
        <dd data-testid="conflict-theirs">{conflict.theirs.text}</dd>
        <dt>Your edit</dt>
        <dd data-testid="conflict-mine">{conflict.mine}</dd>
      </dl>
      <div className="dialog-actions">
        <button type="button" className="button" data-testid="keep-mine" onClick={() => onChoose(true)}>
          Keep my edit
        </button>
        <button type="button" className="button secondary" data-testid="use-theirs" onClick={() => onChoose(false)} autoFocus>
          Keep the newer version
        </button>
      </div>
    </Dialog>
  );
}
