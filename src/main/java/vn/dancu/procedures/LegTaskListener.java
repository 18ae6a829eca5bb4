package vn.dancu.procedures;

import org.flowable.task.service.delegate.DelegateTask;
import org.flowable.task.service.delegate.TaskListener;

/**
 * Tells the procedures module which leg a process has just started, from inside the engine's
 * command: the caller learns the next task without querying for it. Declared on each user task of
 * the linked processes.
 */
public class LegTaskListener implements TaskListener {

    private static final ThreadLocal<LinkedProcesses.ActiveLeg> STARTED = new ThreadLocal<>();

    @Override
    public void notify(DelegateTask task) {
        STARTED.set(new LinkedProcesses.ActiveLeg(task.getId(), Integer.parseInt(task.getTaskDefinitionKey().substring(3))));
    }

    /** The leg the last engine call on this thread started, if it started one; forgets it. */
    static java.util.Optional<LinkedProcesses.ActiveLeg> takeStarted() {
        LinkedProcesses.ActiveLeg leg = STARTED.get();
        STARTED.remove();
        return java.util.Optional.ofNullable(leg);
    }
}
