package vn.dancu.registry;

public enum Gender { MALE, FEMALE }
