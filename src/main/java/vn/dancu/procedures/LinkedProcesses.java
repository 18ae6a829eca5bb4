package vn.dancu.procedures;

import java.util.Map;
import java.util.Optional;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.springframework.stereotype.Component;

/**
 * The linked procedures (15, 16) as BPMN processes ({@code processes/*.bpmn20.xml}): the engine
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

    static String processKey(int appendixNo) {
        return switch (appendixNo) {
            case 15 -> "linkedBirth";
            case 16 -> "linkedDeath";
            default -> throw new IllegalArgumentException("Procedure " + appendixNo + " is not a linked procedure");
        };
    }

    /** Starts the process of an application; returns the process instance id. */
    String start(int appendixNo, String applicationCode, boolean include2, boolean include3) {
        return runtime.startProcessInstanceByKey(processKey(appendixNo), applicationCode,
                Map.of("include2", include2, "include3", include3)).getId();
    }

    Optional<ActiveLeg> active(String processInstanceId) {
        Task task = tasks.createTaskQuery().processInstanceId(processInstanceId).singleResult();
        return Optional.ofNullable(task).map(t -> new ActiveLeg(t.getId(), Integer.parseInt(t.getTaskDefinitionKey().substring(3))));
    }

    /** Completes a leg's task with the officer's decision; returns the leg that comes next, if any. */
    Optional<ActiveLeg> complete(String processInstanceId, String taskId, boolean approved) {
        tasks.complete(taskId, Map.of("approved", approved));
        return active(processInstanceId);
    }
}
