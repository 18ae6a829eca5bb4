package vn.dancu.procedures;

import java.util.Map;
import java.util.Optional;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.springframework.stereotype.Component;

/**
 * The linked procedures (15, 16) as BPMN processes, named by their {@link Procedure#linkedProcess()} ({@code processes/*.bpmn20.xml}): the engine
 * decides which leg comes next; the application's legs, worklists and deadlines stay in our tables.
 * Every call joins the caller's transaction, so a leg's decision and the process move together.
 */
@Component
class LinkedProcesses {

    /** The task the process waits on, as the leg it stands for (task "leg2" is leg 2). */
    record ActiveLeg(String taskId, int legNo) {
    }

    private final RuntimeService runtime;
    private final TaskService tasks;

    LinkedProcesses(RuntimeService runtime, TaskService tasks) {
        this.runtime = runtime;
        this.tasks = tasks;
    }

    /** A started process: its id and the leg it waits on first. */
    record Started(String processInstanceId, ActiveLeg firstLeg) {
    }

    /**
     * Starts the process {@code processKey} of an application. It keeps no variables: which legs the application
     * includes is given again at each {@link #complete}, read from the application's legs.
     */
    Started start(String processKey, String applicationCode) {
        LegTaskListener.takeStarted(); // nothing left over from an engine call that failed on this thread
        String id = runtime.startProcessInstanceByKey(processKey, applicationCode).getId();
        return new Started(id, LegTaskListener.takeStarted().orElseThrow());
    }

    /**
     * Completes a leg's task with the officer's decision; {@code included}: for each leg after the first, whether the
     * application includes it (the gateways read {@code include<legNo>}). Returns the leg that comes next, if any.
     */
    Optional<ActiveLeg> complete(String taskId, boolean approved, Map<Integer, Boolean> included) {
        LegTaskListener.takeStarted();
        // transient: the gateway after the task reads them in this transaction, and nothing needs them later, so the
        // engine writes, reads and deletes no variable rows (processes started before kept theirs, with the same values)
        Map<String, Object> decision = new java.util.HashMap<>();
        decision.put("approved", approved);
        included.forEach((legNo, include) -> decision.put("include" + legNo, include));
        tasks.complete(taskId, (Map<String, Object>) null, decision);
        return LegTaskListener.takeStarted();
    }
}
