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
     * Starts the process {@code processKey} of an application; {@code included}: for each leg after
     * the first, whether the application includes it (the variable {@code include<legNo>}).
     */
    Started start(String processKey, String applicationCode, Map<Integer, Boolean> included) {
        LegTaskListener.takeStarted(); // nothing left over from an engine call that failed on this thread
        Map<String, Object> variables = new java.util.HashMap<>();
        included.forEach((legNo, include) -> variables.put("include" + legNo, include));
        String id = runtime.startProcessInstanceByKey(processKey, applicationCode, variables).getId();
        return new Started(id, LegTaskListener.takeStarted().orElseThrow());
    }

    /** Completes a leg's task with the officer's decision; returns the leg that comes next, if any. */
    Optional<ActiveLeg> complete(String taskId, boolean approved) {
        LegTaskListener.takeStarted();
        // transient: the gateway after the task reads it in this transaction, and nothing needs it later
        tasks.complete(taskId, (Map<String, Object>) null, Map.<String, Object>of("approved", approved));
        return LegTaskListener.takeStarted();
    }
}
