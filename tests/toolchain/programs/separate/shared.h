#pragma once
void launch_add_one(int* data, int n);
void launch_scale(int* data, int n, int factor);
