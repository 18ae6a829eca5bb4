package vn.dancu.registry;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** A household member's relationship to the head of the household; stored as the enum's name. */
public enum Relationship {
    HEAD, SPOUSE, CHILD, PARENT, GRANDCHILD, GRANDPARENT, SIBLING, OTHER_RELATIVE, OTHER;

    /** Every name, as the registry accepts it from outside. */
    public static final Set<String> NAMES = Arrays.stream(values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());
}
