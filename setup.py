from setuptools import find_packages, setup

# NOTE: MPICH's own wheel holds the MPI library and mpiexec: nothing to compile
MPI = ['mpi4py>=4', 'mpich']

setup(
    name='minigan',
    version='0.1.0',
    description=('A small, readable, Chainer-compatible deep-learning core and the GANs of '
                 'the field'),
    packages=find_packages(include=['minigan', 'minigan.*']),
    python_requires='>=3.9',
    install_requires=['numpy>=1.22', 'pillow>=9', 'imageio>=2.20'],
    extras_require={
        # NOTE: the tests start mpiexec -n 2 (minigan.distributed), so they need the [mpi] extra
        'test': ['pytest>=7'] + MPI,
        'cuda': ['cupy-cuda12x'],
        'mpi': MPI,
    },
)
