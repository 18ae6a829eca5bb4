package vn.dancu.procedures;

import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The BPMN engine, set for what the linked procedures ask of it (every setter checked in flowable-engine 8.0.0). Each
 * decision completes one task and the process moves to the next in the same transaction; per call the engine otherwise
 * reads the execution tree row by row and counts an execution's or task's children with queries before it deletes them.
 * <ul>
 * <li>The execution tree of a process instance is fetched in one query, and executions and tasks keep counts of their
 * variables, identity links and subtasks, so that completing a task or ending a process deletes only what exists.</li>
 * <li>The event dispatcher is off: nothing subscribes to engine events ({@link LegTaskListener} is a task listener of
 * the process definitions, called by the engine itself), so the engine builds no event per entity it touches.</li>
 * </ul>
 * The IDM engine and the event registry stay on although nothing uses them: Flowable's Spring Boot configuration fails to
 * start with {@code setDisableEventRegistry(true)}, and neither costs anything per call.
 */
@Configuration(proxyBeanMethods = false)
class EngineSettings {

    @Bean
    EngineConfigurationConfigurer<SpringProcessEngineConfiguration> linkedProcessEngine() {
        return engine -> engine
                .setEnableEagerExecutionTreeFetching(true)
                .setEnableExecutionRelationshipCounts(true)
                .setEnableTaskRelationshipCounts(true)
                .setEnableEventDispatcher(false);
    }
}
